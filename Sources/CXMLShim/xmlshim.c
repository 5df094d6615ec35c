#include "xmlshim.h"
#include <libxml/xmlversion.h>
#include <libxml/parser.h>

const char *axml_version(void) { return LIBXML_VERSION_STRING; }
