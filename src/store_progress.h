/*
 * Progress updates (进展), the item's events (transitions, 催办,
 * extension requests and decisions), extension requests (申请延期) and
 * the inbox in the store.  Strings live in the arena given; rows are
 * handed to callbacks while their statement runs, so a callback must not
 * call the store.
 */
#ifndef STORE_PROGRESS_H
#define STORE_PROGRESS_H

#include <stdint.h>

#include "arena.h"
#include "store.h"
#include "store_ledger.h"

#define TIMELINE_MAX	1000	/* rows a list returns at most */

/* Who wrote a row: id 0 when none (or the user is gone). */
struct who {
	int64_t		 id;
	const char	*login, *name;
};

struct progress_update {
	int64_t		 id, item_id;
	int32_t		 day;		/* the date the update reports */
	const char	*text;
	int		 progress;	/* 0..100, -1: not given */
	int64_t		 paid_fen;	/* money paid with this update */
	struct who	 user;
	int64_t		 created_at;
};

/* One entry of an item's timeline: an update or an item_event. */
struct timeline_entry {
	int64_t		 id, at;
	const char	*kind;		/* update transition urge extension */
	struct who	 user;
	const char	*text, *from_state, *to_state;	/* NULL: none */
	const char	*data;		/* JSON text or NULL */
	int		 progress;	/* -1: none */
	int64_t		 paid_fen;	/* -1: none */
	int32_t		 day;		/* updates: their date; else DATE_NONE */
};

struct extension {
	int64_t		 id, item_id;
	const char	*reason;
	int32_t		 old_deadline, new_deadline;	/* DATE_NONE */
	const char	*state;		/* pending approved rejected */
	struct who	 requested_by, decided_by;
	int64_t		 requested_at, decided_at;	/* 0: not yet */
	const char	*decision_note;
};

struct inbox_entry {
	const char	*kind;		/* urge, extension */
	int64_t		 item_id, ledger_id, extension_id;	/* 0: none */
	const char	*item_title, *text;
	int64_t		 at;
	struct who	 user;		/* who urged, who asked */
};

/* Append update u (its id and created_at are set). */
enum store_rc	store_update_add(struct store *, struct progress_update *);
typedef int (*update_cb)(const struct progress_update *, void *);
/* The updates of an item, newest date first; *total all of them. */
enum store_rc	store_update_list(struct store *, struct arena *,
		    int64_t item_id, int64_t limit, update_cb, void *,
		    int64_t *total);

/* Record an event on an item; from, to, text, data may be NULL. */
enum store_rc	store_event_add(struct store *, int64_t item_id,
		    const char *kind, const char *from, const char *to,
		    const char *text, const char *data, int64_t by,
		    int64_t *id);
typedef int (*timeline_cb)(const struct timeline_entry *, void *);
/* Updates and events of an item merged, newest first. */
enum store_rc	store_timeline(struct store *, struct arena *,
		    int64_t item_id, int64_t limit, timeline_cb, void *,
		    int64_t *total);

/*
 * Set the progress of item id (progress < 0: keep it) and bump its
 * version without checking it: updates are appended, not edited.
 */
enum store_rc	store_item_touch_progress(struct store *, int64_t id,
		    int progress, int64_t by);
/* Set the deadline of item id, bumping its version (approved extension). */
enum store_rc	store_item_set_deadline(struct store *, int64_t id,
		    int32_t day, int64_t by);

/* Insert x as pending (its id, state and requested_at are set). */
enum store_rc	store_extension_add(struct store *, struct extension *);
enum store_rc	store_extension_get(struct store *, struct arena *,
		    int64_t id, struct extension *);
typedef int (*extension_cb)(const struct extension *, void *);
/* The requests of an item, newest first. */
enum store_rc	store_extension_list(struct store *, struct arena *,
		    int64_t item_id, extension_cb, void *);
/* Does the item have a pending request? */
bool		store_extension_pending(struct store *, int64_t item_id);
/*
 * Approve or reject pending request id; CONFLICT if it is no longer
 * pending.
 */
enum store_rc	store_extension_decide(struct store *, int64_t id,
		    bool approve, const char *note, int64_t by);

typedef int (*inbox_cb)(const struct inbox_entry *, void *);
/*
 * What asks for v's attention, newest first: 催办 by others since
 * `since` on open items of v's units (and the units below), and pending
 * extension requests on the items v supervises (all for admins).
 */
enum store_rc	store_inbox(struct store *, struct arena *,
		    const struct viewer *, int64_t since, int64_t limit,
		    inbox_cb, void *, int64_t *total);

#endif
