#ifndef AGGREGATE_XMLSHIM_H
#define AGGREGATE_XMLSHIM_H
// The only header Swift sees of libxml2: plain C types and opaque handles, no libxml2 headers
// (they drag in the system ICU, which clashes with Foundation's on this toolchain).
#include <stddef.h>

/// libxml2's version string, e.g. "20914".
const char *axml_version(void);

/// What `axml_xml_callbacks.message` reports.
typedef enum axml_message_kind {
    AXML_WARNING = 0,          ///< libxml2 warning; `text` is its message
    AXML_ERROR = 1,            ///< libxml2 recoverable error
    AXML_FATAL = 2,            ///< libxml2 well-formedness error (recovered from)
    AXML_HTML_ENTITY = 3,      ///< an undeclared HTML entity was mapped; `text` is its name
    AXML_ENTITY_DECLARED = 4,  ///< the document declares an entity (never expanded); `text` is its name
} axml_message_kind;

/// Streaming XML events. Names are interned by libxml2 for the whole parse: the same name has the same
/// pointer, so Swift may cache per pointer. `attrs` holds `nattrs` groups of five pointers:
/// localname, prefix, URI, value start, value end (the value is not NUL-terminated).
typedef struct axml_xml_callbacks {
    /// Returns `AXML_STOP` to stop the parse (e.g. the root is not a feed), `AXML_WANT_TEXT` to be given
    /// the character data that follows, or 0.
    int (*start)(void *ctx, const char *localname, const char *prefix, const char *uri,
                 int nattrs, const char **attrs);
    /// `text` is the character data gathered since the last event (see `text`), `len` bytes, not
    /// NUL-terminated. Returns `AXML_WANT_TEXT` to be given the character data that follows, or 0.
    int (*end)(void *ctx, const char *localname, const char *prefix, const char *uri, const char *text, int len);
    /// Character data and CDATA, already decoded to UTF-8 (entities and character references resolved),
    /// only when the last start or end asked for it; all of it between two element events comes in one
    /// call, before the next start (or with the next end, to `end`).
    void (*text)(void *ctx, const char *bytes, int len);
    void (*message)(void *ctx, int kind, int line, const char *text);
} axml_xml_callbacks;

/// What `axml_xml_callbacks.start` and `.end` return.
enum {
    AXML_STOP = 1,
    AXML_WANT_TEXT = 2,
};

/// Parses UTF-8 `buf` with SAX2, RECOVER|NONET|IGNORE_ENC (never NOENT, DTDLOAD, XINCLUDE or HUGE).
/// Returns 0 when the parse ran (even with recovered errors), -1 when no parser could be created.
int axml_xml_parse(const char *buf, int len, const axml_xml_callbacks *callbacks, void *ctx);

/// Streaming HTML events (libxml2's HTML parser). `attrs` is NULL or name, value, name, value, ..., NULL;
/// a value may be NULL for a bare attribute.
typedef struct axml_html_callbacks {
    void (*start)(void *ctx, const char *name, const char **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *bytes, int len);
} axml_html_callbacks;

/// Parses UTF-8 HTML with RECOVER|NONET|NOERROR|NOWARNING|NOIMPLIED. Returns 0, or -1 without a parser.
int axml_html_parse(const char *buf, int len, const axml_html_callbacks *callbacks, void *ctx);

/// The UTF-8 value of the HTML named character reference `name` (no '&' or ';'), or NULL.
const char *axml_html_entity_value(const char *name, size_t len);

#endif

/// One pass over a document: returns 1 when `buf` is well-formed UTF-8, else 0; `*controls` receives
/// the number of C0 control bytes XML forbids (all but tab, LF, CR), `*non_ascii` 1 when any byte >= 0x80.
/// `controls` may be NULL when the count is not wanted (a little faster).
int axml_scan_utf8(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii);

/// Index of the first byte of `buf` the sanitizer's short way must look at ('<', '&', '>', 0xEF, a control
/// byte other than tab and line feed), or `len` when there is none.
size_t axml_markup_stop(const unsigned char *buf, size_t len);

/// `axml_markup_stop` a byte at a time: what the vector version must agree with.
size_t axml_markup_stop_scalar(const unsigned char *buf, size_t len);

/// The code point libxml2's HTML parser reads for the named reference `&name;` (its HTML 4 table), or -1.
int axml_html_parser_entity(const char *name, size_t len);

/// `axml_scan_utf8` a byte at a time: what the vector version (AVX2, when the CPU has it) must agree with.
int axml_scan_utf8_scalar(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii);

/// Initializes libxml2 once, before any parse; required before parsing from several threads.
void axml_init(void);
