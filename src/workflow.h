/*
 * Workflows as data: for each ledger kind its states, where items
 * start, which states are final, and the transitions with the role
 * they need and the fields they require (SPEC §2).
 */
#ifndef WORKFLOW_H
#define WORKFLOW_H

#include <stdbool.h>

#include "user.h"

enum ledger_kind {
	KIND_NONE = 0,
	KIND_PROJECT,
	KIND_TASK,
	KIND_NEED,
	KIND_SUGGESTION,
	KIND_PROBLEM,
	KIND_RECORD
};

/* What a transition requires in its request body. */
#define WF_NOTE		0x01	/* "note": 办结说明, 退回理由 ... */
#define WF_DATE		0x02	/* "date": 验收日期, 完成日期 */
#define WF_RESULT	0x04	/* "result": 验收结论, 满意度 */
#define WF_REPLY	0x08	/* "note" as the reply to the citizen */

struct transition {
	enum ledger_kind	 kind;
	const char		*from;		/* NULL: from any state not final */
	const char		*to;
	const char		*action;	/* Chinese verb: 签收, 销号 ... */
	enum role		 role;		/* least role */
	unsigned		 needs;		/* WF_* */
	bool			 completes;	/* sets the completion date */
};

extern const struct transition	workflow_transitions[];
extern const int		workflow_ntransitions;

enum ledger_kind workflow_kind_parse(const char *);
const char	*workflow_kind_name(enum ledger_kind);
/* Chinese: 项目, 事项, 需求, 意见建议, 问题, 登记. */
const char	*workflow_kind_label(enum ledger_kind);
/* The state new items of a kind start in. */
const char	*workflow_initial(enum ledger_kind);
/* The states of a kind, NULL-terminated. */
const char *const *workflow_states(enum ledger_kind);
bool		 workflow_state_valid(enum ledger_kind, const char *);
bool		 workflow_final(enum ledger_kind, const char *);
/* The transition from `from` to `to`, or NULL if there is none. */
const struct transition *workflow_find(enum ledger_kind, const char *from,
		    const char *to);

#endif
