/*
 * Where a ledger's fields are in a sheet: skip title rows, read one- or
 * two-row headers (资金来源及规模 over 资金来源 | 资金规模(万元)), map
 * header text to built-in fields by synonyms and to custom fields by
 * name, find the money unit of each amount column (from the header or
 * the title rows), and tell 小计/合计 rows from items.  Pure logic on a
 * struct sheet, no I/O.
 */
#ifndef SHEETMAP_H
#define SHEETMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "sheet.h"

struct arena;
struct ledger;

/*
 * Import targets a column may map to.  Built-in keys are those of
 * ledger.c (title, code, seq, content, category, state, places,
 * lead_unit, co_units, leader, leader_phone, responsible,
 * responsible_phone, start, deadline, completed, progress,
 * progress_text, amount, households, persons, poor_households,
 * monitored_households) plus these sheet-only ones:
 *   town, village     a place split over two columns (乡镇 | 村名)
 *   fund_source       资金来源 (one fund line with the item's amount)
 *   period            实施期限 "2022年4月至12月" (start and deadline)
 *   lead_and_person   实施单位及责任人 (unit, then a person's name)
 * and "custom:KEY" for a custom field of the ledger.  NULL: unknown.
 */
struct sheetcol {
	int		 col;		/* 1-based */
	const char	*header;	/* the header text, two rows joined
					 * with "/" ("资金来源及规模/资金规模(万元)") */
	const char	*field;		/* target, or NULL */
	int64_t		 unit_fen;	/* amounts and custom money: fen per
					 * unit (value.h); 0 is 元 */
};

struct sheetmap {
	int		 title_rows;	/* rows before the header */
	int		 header_rows;	/* 1 or 2 */
	int		 first_data;	/* index into sheet->rows */
	const char	*title;		/* the first title row's text (its
					 * cells joined by spaces), or NULL */
	int64_t		 unit_fen;	/* a unit named in the title rows (or
					 * a "单位:万元" header cell), or 0 */
	int		 ncols;
	struct sheetcol	*cols;
};

/*
 * Find the header of sh for ledger l (may be NULL) and map its columns.
 * The header is the first of the first 15 rows with two or more cells
 * that map to a field; the row above it is its parent row, or the row
 * below its child row, when merges (or, without merges, a header cell
 * followed by empty cells over text in the other row) say so, and the
 * other row is all text that is not a number or a date.  A column of
 * two rows maps by its child, then child+parent (计划 under 完成时间:
 * 计划完成时间), then parent+child, then by the parent if it spans only
 * that column.  Then: 村名 is "village" beside a 乡镇 column; with a
 * 牵头单位 or 主办单位 column, other unit columns (责任单位) are co_units;
 * 联系电话 right after a leader column is leader_phone; with no title
 * column the first content column (督查内容) is the title; a target
 * goes to its first column only.  Columns are those of the header
 * rows.  A row of column numbers "1 2 3 ..." right under the header is
 * skipped, so first_data may be title_rows + header_rows + 1.
 * -1 with a Chinese reason if no row in the first 15 looks like a
 * header.  Everything lives in the arena.
 */
int		 sheetmap_guess(const struct sheet *, const struct ledger *,
		    struct arena *, struct sheetmap *, const char **why);

/*
 * The target of one header text for ledger l (may be NULL), or NULL;
 * without the rules that need the other columns (村名 is "places"
 * here, "village" beside a 乡镇 column in sheetmap_guess).  A custom
 * target is in a per-thread buffer that the next call overwrites.
 */
const char	*sheetmap_field_of(const char *header, const struct ledger *);

/* The Chinese label of a target ("town" -> 乡镇, "custom:nature" -> 建设性质). */
const char	*sheetmap_label(const char *field, const struct ledger *);

/*
 * Is this data row a 小计 or 合计 row: is one of its first three
 * non-empty cells, spaces removed, 小计 合计 总计 共计 总合计, or one of
 * them followed by punctuation, a digit or a bracket ("合计:",
 * "小计(产业类)"), or at most six characters starting with one?
 */
bool		 sheetmap_is_total(const struct sheet_row *);
/*
 * Is this row empty or a note: its first non-empty cell starts with 备注
 * 注 说明 附 (as a word) or 填表说明 填表人 填报人 填报单位 填报日期 审核人
 * 制表 单位负责人 负责人: 联系人: 联系电话: 监督电话 举报电话 附件 资料来源
 * 数据来源, or it has one non-empty cell that holds a ":" or starts like
 * a group heading ("一、产业类项目", "(二)...")?
 */
bool		 sheetmap_is_note(const struct sheet_row *);

enum sheetmap_kind {
	SHEETMAP_ITEM,		/* import it */
	SHEETMAP_BLANK,		/* no text at all */
	SHEETMAP_TOTAL,		/* 小计, 合计 */
	SHEETMAP_NOTE,		/* 备注, a heading, the header repeated */
};

/*
 * What a row at or after m->first_data is: blank, a total, a note
 * (sheetmap_is_note; also, in a sheet of three or more columns, a row
 * with one non-empty cell that is not in the title column, and the
 * header printed again on a later page), else an item.  m may be NULL
 * (then only blank, total, note and item by the row alone).
 */
enum sheetmap_kind sheetmap_row_kind(const struct sheetmap *,
		    const struct sheet_row *);

#endif
