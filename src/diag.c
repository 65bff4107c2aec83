/*
 * diag.c: status names and diagnostic formatting.
 *
 * Every fallible annals call returns an annals_status and may fill an
 * annals_diag (file, 1-based line or record, byte offset, message).  This
 * file turns both into text for the CLI: a static English phrase per status
 * and the one-line form "file:line: offset N: message" used for every
 * warning and error annals prints.  Parts that are unknown are left out:
 * no file gives just the message, line 0 drops the line, and the offset is
 * shown only when a line or a non-zero offset says where in the file.
 * Nothing here allocates, prints or fails.
 */
#include "annals.h"

#include <stdio.h>
#include <string.h>

const char *annals_status_str(annals_status st)
{
    switch (st) {
    case ANNALS_OK: return "success";
    case ANNALS_EOF: return "end of input";
    case ANNALS_SKIPPED: return "record skipped";
    case ANNALS_ENOMEM: return "out of memory";
    case ANNALS_EIO: return "input/output error";
    case ANNALS_EPARSE: return "malformed input";
    case ANNALS_EINVAL: return "invalid argument";
    case ANNALS_ENOTFOUND: return "not found";
    case ANNALS_EDB: return "database error";
    case ANNALS_EBUSY: return "database is locked by another writer";
    case ANNALS_EVERSION: return "made by a newer version of annals";
    }
    return "unknown status";
}

static size_t diag_len(const char *s, size_t max)
{
    const char *z = memchr(s, '\0', max);
    return z ? (size_t)(z - s) : max;
}

void annals_diag_format(const annals_diag *d, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    if (!d)
        return;
    /* The struct may come from code that filled the arrays to the brim:
     * never read past them. */
    size_t flen = diag_len(d->file, sizeof d->file);
    size_t mlen = diag_len(d->msg, sizeof d->msg);
    const char *msg = mlen ? d->msg : "(no message)";
    int mlen_i = mlen ? (int)mlen : (int)strlen(msg);
    if (flen == 0) {
        snprintf(buf, size, "%.*s", mlen_i, msg);
    } else if (d->line > 0) {
        snprintf(buf, size, "%.*s:%llu: offset %llu: %.*s", (int)flen, d->file,
                 (unsigned long long)d->line, (unsigned long long)d->offset, mlen_i, msg);
    } else if (d->offset > 0) {
        snprintf(buf, size, "%.*s: offset %llu: %.*s", (int)flen, d->file,
                 (unsigned long long)d->offset, mlen_i, msg);
    } else {
        snprintf(buf, size, "%.*s: %.*s", (int)flen, d->file, mlen_i, msg);
    }
}
