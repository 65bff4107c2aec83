/*
 * when.h: the "when" stage -- the date of one event, read from its sentence.
 *
 * when_resolve() finds the temporal expressions of a sentence ("on
 * Wednesday", "last week", "Feb. 24, 2022", "in December", "two years
 * ago", "since 2013"...), splits the sentence into clauses, keeps the
 * expressions of the trigger's clause, picks the nearest one and resolves
 * it against the story (article) date and the tense of the trigger's verb
 * group (will / is expected to / plans to ... => future; was / has / -ed /
 * irregular past => past; otherwise unknown, as in headline present).
 * The rules, decided once (tests/when_cases.tsv holds the cases):
 *
 *  - weekday: past -> the most recent one on or before the story date (the
 *    story day itself counts); future -> the next one on or after it;
 *    unknown tense (headline present, "would", "is visiting") -> whichever
 *    of the two is nearer.  "last Friday" is strictly before the story date,
 *    "next Friday" strictly after, "this Friday" on or after.
 *  - month and day without a year: past -> the latest such date on or
 *    before the story date; future -> the earliest on or after it; unknown
 *    -> the closest one at most 60 days after the story date.  Candidates
 *    are the story year and the years either side; none valid -> ignored.
 *    Month alone ("in December") follows the same rules by month, with two
 *    months of slack for unknown tense.
 *  - today/tonight/this morning: the story date (day); yesterday, last
 *    night, tomorrow, N days ago: day.  this/last/next week, N weeks ago:
 *    week, dated by its Monday.  this/last/next month, N months ago: month.
 *    this/last/next year, N years ago: year.  "over the weekend": week
 *    precision dated by the Saturday.
 *  - a year: only after a preposition ("in 2014", "during 2019", "in
 *    mid-2021").  A bare year before a noun ("the 2022 Beijing Olympics",
 *    "Russia's 2014 annexation") modifies that noun: it dates the event only
 *    when the trigger is that noun phrase.  Possessives ("Wednesday's
 *    meeting", "last week's vote") and "the March 18 vote" work the same way.
 *  - since X, from X to Y, between X and Y: a span (precision story,
 *    span = 1); by/until/before/after X: a deadline or anchor, never the
 *    event date.  "in recent days", "recently", "in the coming days":
 *    vague -- precision story, but the text is reported.
 *  - numeric dates: ISO "2022-02-24" (also with a time), "2022/02/24",
 *    "24/02/2022" or "02/24/2022" only when one part is > 12 (or both are
 *    equal).  Impossible dates (February 30, month 13, day 0, "May 5,
 *    99999") are ignored, and so is a date more than ten years after the
 *    story (or after 2100): precision story.
 *  - clauses: a reporting tail (", state media said last month") keeps its
 *    date, also when a subordinate clause follows it; "and, in 1969, a
 *    clash": the parenthesis belongs to the clause around it; a relative
 *    clause with no date of its own takes its antecedent's ("the 2008 Summer
 *    Games, in which ...", "in 2014, when Russia annexed Crimea").
 *  - tense: a future verb ("will brief") is not dated by a backward-looking
 *    expression ("last month", "yesterday"), a past one ("agreed to meet")
 *    not by a forward-looking one ("next week").
 *  - "scheduled/set/planned for X" dates only what is scheduled (the noun
 *    before it: "the talks scheduled for Thursday"), resolved forwards.
 *  - "in March of that year", "later that year", "that same year": the year
 *    of the last absolute date before it in the sentence.
 *
 * Cost: one pass over at most ~3 KB around the trigger with a fixed token
 * array on the stack, or one pass per sentence (when_sentence below).
 * when_resolve() allocates nothing; nothing is global but constant tables
 * and a keyword index built once (pthread_once), so calls are thread-safe.
 */
#ifndef WHEN_H
#define WHEN_H

#include <stddef.h>

typedef enum when_precision { WHEN_STORY = 0, WHEN_DAY, WHEN_WEEK, WHEN_MONTH, WHEN_YEAR } when_precision;

typedef struct when_date { int y, m, d; } when_date;            /* y == 0: unknown */

typedef struct when_result {
    when_date date;            /* first day of the period when less precise than a day;
                                  the story date when precision is WHEN_STORY */
    when_precision precision;  /* WHEN_STORY when nothing in the sentence dates the event */
    size_t text_start, text_end; /* byte offsets of the expression in the sentence; equal when none */
    int span;                  /* 1 for "since 2013"-style spans: not an event date (precision STORY) */
} when_result;

/* Parse "YYYY-MM-DD" (or ISO 8601 with a time after 'T' or a space) into d;
 * 0 on success, -1 if malformed or impossible (d untouched then). */
int when_parse_iso(const char *s, size_t len, when_date *d);

/* Resolve the date of the event whose trigger occupies [trig_start, trig_end)
 * of sentence s[0..len).  story: the article date (y == 0 if unknown: then
 * only absolute dates resolve).  Any bytes are accepted (NUL, invalid UTF-8).
 * Returns 0, or -1 if out is NULL or s is NULL with len > 0. */
int when_resolve(const char *s, size_t len, size_t trig_start, size_t trig_end,
                 when_date story, when_result *out);

/* A sentence read once for several triggers (an event coder's sentence with
 * more than one event): when_sentence_read() tokenises it and finds its
 * expressions and clauses, when_resolve_in() then gives exactly what
 * when_resolve() gives for each trigger.  s must stay unchanged while the
 * reading is used.  when_sentence_new() returns NULL if out of memory. */
typedef struct when_sentence when_sentence;
when_sentence *when_sentence_new(void);
void when_sentence_free(when_sentence *ws);
void when_sentence_read(when_sentence *ws, const char *s, size_t len);
int when_resolve_in(const when_sentence *ws, size_t trig_start, size_t trig_end,
                    when_date story, when_result *out);

/* 1 if the word w[0..n) (any case) can carry a date: it has a digit, or is a
 * month, a weekday, today/yesterday/tomorrow/tonight, a time unit ("week",
 * "years"), a part of the day or "ago".  A sentence with none has no date
 * expression: a caller may skip when_resolve() for it. */
int when_date_word(const char *w, size_t n);

/* Days from a to b (b - a), for "background" (> 30 days before the story date). */
long when_days_between(when_date a, when_date b);

/* "day","week","month","year","story" */
const char *when_precision_name(when_precision p);

/* "YYYY-MM-DD" (always NUL-terminated; "0000-00-00" for an unknown date). */
void when_format(when_date d, char buf[11]);

/* 1 if y-m-d is a real date with 1 <= y <= 9999. */
int when_valid(when_date d);

/* Day of the week, 0 = Monday .. 6 = Sunday (d must be valid). */
int when_weekday(when_date d);

/* Self-check of the constant tables (keyword order); 0 when sound. */
int when_selfcheck(void);

/* d plus n days (d must be valid; the result is clamped to years 1..9999). */
when_date when_add_days(when_date d, long n);

#endif
