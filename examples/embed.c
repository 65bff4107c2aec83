/*
 * embed.c: code one article with the annals library and print its events.
 *
 *   cc -Iinclude examples/embed.c build/libannals.a \
 *      $(pkg-config --libs json-c libxml-2.0 sqlite3 zlib libxxhash) -lpthread -lm
 *   ./a.out
 */
#include <stdio.h>
#include <string.h>
#include "annals.h"

int main(void) {
    annals_lexicon *lex;
    annals_diag diag;
    if (annals_lexicon_open(NULL, &lex, &diag) != ANNALS_OK) {
        char msg[1024];
        annals_diag_format(&diag, msg, sizeof msg);
        fprintf(stderr, "embed: %s\n", msg);
        return 1;
    }
    annals_coder *coder;
    if (annals_coder_new(lex, NULL, &coder) != ANNALS_OK) return 1;
    const char *text = "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.";
    annals_article art = {.id = "example", .date = "2023-06-12", .text = text, .text_len = strlen(text)};
    const annals_event *ev;
    size_t n;
    if (annals_code(coder, &art, &ev, &n, &diag) == ANNALS_OK) {
        for (size_t i = 0; i < n; i++)
            printf("%s %s -> %s %s (%s) \"%s\"\n", ev[i].date ? ev[i].date : "-", ev[i].source,
                   ev[i].target ? ev[i].target : "-", ev[i].code, ev[i].code_name ? ev[i].code_name : "",
                   ev[i].trigger);
    }
    annals_coder_free(coder);
    annals_lexicon_free(lex);
    return 0;
}
