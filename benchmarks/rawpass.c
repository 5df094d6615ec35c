/*
 * rawpass: libxml2's own speed over a set of feed files, the floor any libxml2-based parser stands on.
 *
 *   rawpass sax    FILE...   SAX2 push parser, whole file as one chunk, callbacks that only count
 *   rawpass reader FILE...   xmlTextReader, visiting every node and reading every text value
 *
 * Both use XML_PARSE_RECOVER | XML_PARSE_NONET, read each file into memory first (as a fetched body
 * would be), and print one line: files, bytes, elements, text bytes, files with errors.
 * Build: cc -O2 -o rawpass rawpass.c $(pkg-config --cflags --libs libxml-2.0)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

struct counts {
    unsigned long long elements;
    unsigned long long text_bytes;
};

static void on_start(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted,
                     const xmlChar **attributes) {
    (void)localname; (void)prefix; (void)uri; (void)namespace_count; (void)namespaces;
    (void)attribute_count; (void)defaulted; (void)attributes;
    ((struct counts *)context)->elements++;
}

static void on_end(void *context, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)context; (void)localname; (void)prefix; (void)uri;
}

static void on_text(void *context, const xmlChar *text, int length) {
    (void)text;
    ((struct counts *)context)->text_bytes += (unsigned long long)length;
}

/* Errors are counted per file through wellFormed; printing them would measure the terminal. */
static void quiet(void *context, const char *message, ...) { (void)context; (void)message; }

static void quiet_structured(void *context, xmlErrorPtr error) { (void)context; (void)error; }

static const int options = XML_PARSE_RECOVER | XML_PARSE_NONET;

static int sax_pass(const char *data, int size, const char *path, struct counts *counts) {
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = on_start;
    handler.endElementNs = on_end;
    handler.characters = on_text;
    handler.cdataBlock = on_text;
    handler.warning = quiet;
    handler.error = quiet;
    handler.fatalError = quiet;
    handler.serror = quiet_structured;

    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, counts, NULL, 0, path);
    if (context == NULL) return 1;
    xmlCtxtUseOptions(context, options);
    xmlParseChunk(context, data, size, 1);
    int failed = !context->wellFormed;
    xmlFreeParserCtxt(context);
    return failed;
}

static int reader_pass(const char *data, int size, const char *path, struct counts *counts) {
    xmlTextReaderPtr reader = xmlReaderForMemory(data, size, path, NULL, options);
    if (reader == NULL) return 1;
    xmlTextReaderSetStructuredErrorHandler(reader, quiet_structured, NULL);
    int status;
    while ((status = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            counts->elements++;
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const xmlChar *value = xmlTextReaderConstValue(reader);
            if (value != NULL) counts->text_bytes += strlen((const char *)value);
        }
    }
    xmlFreeTextReader(reader);
    return status != 0;
}

static char *read_file(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    rewind(file);
    char *data = malloc((size_t)*size + 1);
    if (data != NULL && fread(data, 1, (size_t)*size, file) != (size_t)*size) {
        free(data);
        data = NULL;
    }
    fclose(file);
    return data;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "sax") != 0 && strcmp(argv[1], "reader") != 0)) {
        fprintf(stderr, "usage: rawpass sax|reader FILE...\n");
        return 2;
    }
    int use_sax = strcmp(argv[1], "sax") == 0;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    struct counts counts = {0, 0};
    unsigned long long bytes = 0;
    int failed = 0;
    for (int i = 2; i < argc; i++) {
        long size = 0;
        char *data = read_file(argv[i], &size);
        if (data == NULL) {
            fprintf(stderr, "rawpass: cannot read %s\n", argv[i]);
            return 1;
        }
        bytes += (unsigned long long)size;
        failed += use_sax ? sax_pass(data, (int)size, argv[i], &counts) : reader_pass(data, (int)size, argv[i], &counts);
        free(data);
    }
    xmlCleanupParser();
    printf("files=%d bytes=%llu elements=%llu text_bytes=%llu errors=%d\n", argc - 2, bytes, counts.elements,
           counts.text_bytes, failed);
    return 0;
}
