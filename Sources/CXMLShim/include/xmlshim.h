#ifndef AGGREGATE_XMLSHIM_H
#define AGGREGATE_XMLSHIM_H
// The only header Swift sees of libxml2: plain C types and opaque handles, no libxml2 headers
// (they drag in the system ICU, which clashes with Foundation's on this toolchain).
#include <stddef.h>

/// libxml2's version string, e.g. "20914".
const char *axml_version(void);

#endif
