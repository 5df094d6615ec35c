#include "xmlshim.h"
#include "html_entities.h"
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *axml_version(void) { return LIBXML_VERSION_STRING; }

// MARK: - HTML entity table

static int axml_entity_compare(const char *name, size_t len, const char *candidate) {
    int c = strncmp(name, candidate, len);
    if (c != 0) return c;
    return candidate[len] == '\0' ? 0 : -1;
}

const char *axml_html_entity_value(const char *name, size_t len) {
    size_t lo = 0, hi = axml_html_entities_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = axml_entity_compare(name, len, axml_html_entities[mid].name);
        if (c == 0) return axml_html_entities[mid].value;
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

// MARK: - XML (SAX2)

typedef struct axml_made_entity {
    xmlEntity entity;
    struct axml_made_entity *next;
} axml_made_entity;

typedef struct axml_xml_state {
    const axml_xml_callbacks *cb;
    void *ctx;
    xmlParserCtxtPtr ctxt;
    axml_made_entity *entities;  // HTML entities handed to libxml2 during this parse; freed after it
    // NOTE: libxml2 splits character data at every entity reference, and escaped HTML is mostly
    // references (&lt;p&gt;): 2.8 million text events for 1,000 feeds, each a call into Swift. Text is
    // gathered here instead, only while Swift wants it, and handed over once before the next element event.
    int want_text;
    char *text;
    size_t text_len, text_cap;
} axml_xml_state;

static void axml_flush_text(axml_xml_state *s) {
    if (s->text_len == 0) return;
    size_t len = s->text_len;
    s->text_len = 0;
    s->cb->text(s->ctx, s->text, (int)len);
}

// NOTE: libxml2 2.9 silently drops every entity reference (even &amp; and &lt;) once the document was
// found not well-formed, which would strip the markup out of escaped HTML after one bare '&'. The
// error was already reported through serror, so each event restores the flag before parsing goes on.
static axml_xml_state *axml_state(void *ctx) {
    axml_xml_state *s = (axml_xml_state *)ctx;
    s->ctxt->wellFormed = 1;
    return s;
}

static void axml_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                           int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                           const xmlChar **attributes) {
    (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    axml_xml_state *s = axml_state(ctx);
    axml_flush_text(s);
    int wants = s->cb->start(s->ctx, (const char *)localname, (const char *)prefix, (const char *)uri, nb_attributes,
                             (const char **)attributes);
    s->want_text = (wants & AXML_WANT_TEXT) != 0;
    if (wants & AXML_STOP) xmlStopParser(s->ctxt);
}

static void axml_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    axml_xml_state *s = axml_state(ctx);
    // The text goes with the end: most captured elements hold text only, which becomes a String
    // straight from here.
    size_t len = s->text_len;
    s->text_len = 0;
    int wants = s->cb->end(s->ctx, (const char *)localname, (const char *)prefix, (const char *)uri, s->text, (int)len);
    s->want_text = (wants & AXML_WANT_TEXT) != 0;
}

static void axml_sax_text(void *ctx, const xmlChar *ch, int len) {
    axml_xml_state *s = axml_state(ctx);
    if (!s->want_text || len <= 0) return;
    if (s->text_len + (size_t)len > s->text_cap) {
        size_t cap = s->text_cap < 4096 ? 4096 : s->text_cap;
        while (cap < s->text_len + (size_t)len) cap *= 2;
        char *grown = realloc(s->text, cap);
        if (grown == NULL) {
            // Out of memory: hand over what is gathered, then this piece on its own.
            axml_flush_text(s);
            s->cb->text(s->ctx, (const char *)ch, len);
            return;
        }
        s->text = grown;
        s->text_cap = cap;
    }
    memcpy(s->text + s->text_len, ch, (size_t)len);
    s->text_len += (size_t)len;
}

// NOTE: publishers use HTML's named entities in RSS without declaring them. They are handed to libxml2
// as predefined entities, whose content libxml2 copies as text: nothing is ever expanded recursively.
static xmlEntityPtr axml_sax_get_entity(void *ctx, const xmlChar *name) {
    xmlEntityPtr predefined = xmlGetPredefinedEntity(name);
    if (predefined != NULL) return predefined;
    axml_xml_state *s = axml_state(ctx);
    for (axml_made_entity *e = s->entities; e != NULL; e = e->next) {
        if (xmlStrEqual(e->entity.name, name)) return &e->entity;
    }
    const char *value = axml_html_entity_value((const char *)name, strlen((const char *)name));
    if (value == NULL) return NULL;
    axml_made_entity *made = calloc(1, sizeof(axml_made_entity));
    if (made == NULL) return NULL;
    made->entity.type = XML_ENTITY_DECL;
    made->entity.etype = XML_INTERNAL_PREDEFINED_ENTITY;
    made->entity.name = xmlStrdup(name);
    made->entity.content = (xmlChar *)value;
    made->entity.length = (int)strlen(value);
    made->next = s->entities;
    s->entities = made;
    s->cb->message(s->ctx, AXML_HTML_ENTITY, xmlSAX2GetLineNumber(s->ctxt), (const char *)name);
    return &made->entity;
}

// NOTE: a document that declares entities is read without them (billion laughs stays bounded).
static void axml_sax_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                                 const xmlChar *systemId, xmlChar *content) {
    (void)type; (void)publicId; (void)systemId; (void)content;
    axml_xml_state *s = axml_state(ctx);
    s->cb->message(s->ctx, AXML_ENTITY_DECLARED, xmlSAX2GetLineNumber(s->ctxt), (const char *)name);
}

static void axml_sax_error(void *ctx, xmlErrorPtr error) {
    if (error == NULL || ctx == NULL) return;
    axml_xml_state *s = (axml_xml_state *)ctx;
    int kind = error->level == XML_ERR_WARNING ? AXML_WARNING : error->level == XML_ERR_ERROR ? AXML_ERROR : AXML_FATAL;
    // The push parser calls a document cut short "extra content at the end": say what happened.
    if (error->code == XML_ERR_DOCUMENT_END && s->ctxt != NULL && s->ctxt->nameNr > 0 && s->ctxt->name != NULL) {
        char message[200];
        snprintf(message, sizeof(message), "Premature end of data in tag %.120s", (const char *)s->ctxt->name);
        s->cb->message(s->ctx, kind, error->line, message);
        return;
    }
    s->cb->message(s->ctx, kind, error->line, error->message != NULL ? error->message : "unknown XML error");
}

int axml_xml_parse(const char *buf, int len, const axml_xml_callbacks *callbacks, void *ctx) {
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(xmlSAXHandler));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = axml_sax_start;
    sax.endElementNs = axml_sax_end;
    sax.characters = axml_sax_text;
    sax.ignorableWhitespace = axml_sax_text;
    sax.cdataBlock = axml_sax_text;
    sax.getEntity = axml_sax_get_entity;
    sax.entityDecl = axml_sax_entity_decl;
    sax.serror = axml_sax_error;
    axml_xml_state state = { callbacks, ctx, NULL, NULL, 0, NULL, 0, 0 };
    // NOTE: the push parser, given the whole document in one chunk, hands CDATA sections over in blocks;
    // xmlParseDocument reads them character by character (a quarter of a parse of news feeds).
    // userData must not be the context itself: libxml2 2.9 then falls back to the entities its
    // "SAX compatibility" mode records from the DTD, and expands them (billion laughs). With our own
    // userData, a declared entity is simply undefined.
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, &state, NULL, 0, NULL);
    if (ctxt == NULL) return -1;
    state.ctxt = ctxt;
    xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
    // The Swift side always hands over UTF-8 (it transcodes first), whatever the declaration says.
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    // XML reads every CR LF and lone CR as LF before parsing; the push parser's fast paths for character
    // data and CDATA skip that, so it is done here (a &#13; reference still gives a CR).
    char *normalized = NULL;
    if (len > 0 && memchr(buf, '\r', (size_t)len) != NULL) {
        normalized = malloc((size_t)len);
        if (normalized == NULL) { xmlFreeParserCtxt(ctxt); return -1; }
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\r') {
                normalized[n++] = '\n';
                if (i + 1 < len && buf[i + 1] == '\n') i++;
            } else {
                normalized[n++] = buf[i];
            }
        }
        buf = normalized;
        len = n;
    }
    xmlParseChunk(ctxt, buf, len, 1);
    free(normalized);

    axml_flush_text(&state);  // text of elements a truncated document left open
    free(state.text);
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    xmlFreeParserCtxt(ctxt);
    for (axml_made_entity *e = state.entities; e != NULL;) {
        axml_made_entity *next = e->next;
        xmlFree((xmlChar *)e->entity.name);
        free(e);
        e = next;
    }
    return 0;
}

// MARK: - HTML (SAX)

typedef struct axml_html_state {
    const axml_html_callbacks *cb;
    void *ctx;
} axml_html_state;

static axml_html_state *axml_hstate(void *ctx) {
    return (axml_html_state *)((htmlParserCtxtPtr)ctx)->_private;
}

static void axml_html_start(void *ctx, const xmlChar *name, const xmlChar **attrs) {
    axml_html_state *s = axml_hstate(ctx);
    s->cb->start(s->ctx, (const char *)name, (const char **)attrs);
}

static void axml_html_end(void *ctx, const xmlChar *name) {
    axml_html_state *s = axml_hstate(ctx);
    s->cb->end(s->ctx, (const char *)name);
}

static void axml_html_text(void *ctx, const xmlChar *ch, int len) {
    axml_html_state *s = axml_hstate(ctx);
    s->cb->text(s->ctx, (const char *)ch, len);
}

int axml_html_parse(const char *buf, int len, const axml_html_callbacks *callbacks, void *ctx) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, len);
    if (ctxt == NULL) return -1;
    axml_html_state state = { callbacks, ctx };
    xmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof(xmlSAXHandler));
    sax->initialized = 1;
    sax->startElement = axml_html_start;
    sax->endElement = axml_html_end;
    sax->characters = axml_html_text;
    sax->ignorableWhitespace = axml_html_text;
    sax->cdataBlock = axml_html_text;  // contents of <script>/<style>: the sanitizer drops them
    ctxt->_private = &state;
    ctxt->userData = ctxt;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NOIMPLIED);
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8 != NULL) xmlSwitchToEncoding(ctxt, utf8);
    htmlParseDocument(ctxt);
    ctxt->_private = NULL;
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    htmlFreeParserCtxt(ctxt);
    return 0;
}

void axml_init(void) { xmlInitParser(); }

// MARK: - HTML 4 entities, as libxml2's HTML parser reads them

int axml_html_parser_entity(const char *name, size_t len) {
    char buffer[40];
    if (len == 0 || len >= sizeof(buffer)) return -1;
    memcpy(buffer, name, len);
    buffer[len] = '\0';
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)buffer);
    return entity != NULL ? (int)entity->value : -1;
}
