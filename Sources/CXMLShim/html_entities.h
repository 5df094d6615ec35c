#ifndef AGGREGATE_HTML_ENTITIES_H
#define AGGREGATE_HTML_ENTITIES_H
#include <stddef.h>

/// One HTML named character reference: name without '&' and ';', UTF-8 value.
typedef struct axml_html_entity {
    const char *name;
    const char *value;
} axml_html_entity;

/// Sorted by name (strcmp order).
extern const axml_html_entity axml_html_entities[];
extern const size_t axml_html_entities_count;

#endif
