#ifndef AGGREGATE_CLIBXML2_SHIM_H
#define AGGREGATE_CLIBXML2_SHIM_H
// Deliberately empty: this target only carries libxml2's pkg-config flags. Including libxml2's
// headers here would pull in the system ICU and clash with Foundation's; CXMLShim includes them in C.
#endif
