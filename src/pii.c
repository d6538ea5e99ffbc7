#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "item.h"
#include "ledger.h"
#include "pii.h"

const char *
pii_mask_phone(struct arena *a, const char *s)
{
	size_t	n, i;
	char	*m;

	if (s == NULL || *s == '\0')
		return s;
	n = strlen(s);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return "****";
	if (n < 8)
		return "****";
	m = arena_strdup(a, s);
	for (i = 3; i < n - 4; i++)
		m[i] = '*';
	return m;
}

/* The length of the number starting at s to mask (0: none). */
static size_t
pii_number(const char *s, size_t *keep_head)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 17 && (s[n] == 'X' || s[n] == 'x') &&
	    !isalnum((unsigned char)s[n + 1])) {
		*keep_head = 4;
		return 18;
	}
	if (n == 18 || n == 15) {
		*keep_head = 4;
		return n;
	}
	if (n == 11 && s[0] == '1') {
		*keep_head = 3;
		return n;
	}
	return 0;
}

const char *
pii_mask_text(struct arena *a, const char *s)
{
	char	*m = NULL;
	size_t	 i = 0, n, head, k;

	if (s == NULL)
		return s;
	while (s[i]) {
		if (!isdigit((unsigned char)s[i]) || (i > 0 &&
		    isalnum((unsigned char)s[i - 1]))) {
			i++;
			continue;
		}
		if ((n = pii_number(s + i, &head)) == 0) {
			while (isdigit((unsigned char)s[i]))
				i++;
			continue;
		}
		if (m == NULL)
			m = arena_strdup(a, s);
		for (k = head; k < n - 4; k++)
			m[i + k] = '*';
		i += n;
	}
	return m ? m : s;
}

bool
pii_field(const json_t *fd)
{
	static const char *const words[] = {
		"电话", "手机", "联系方式", "身份证", "证件号", NULL
	};
	const char	*key = json_string_value(json_object_get(fd, "key"));
	const char	*name = json_string_value(json_object_get(fd, "name"));
	const char	*type = json_string_value(json_object_get(fd, "type"));
	size_t		 n, i;

	if (type && strcmp(type, "text") != 0)
		return false;
	if (key && (n = strlen(key)) >= 5 && (strcmp(key + n - 5,
	    "phone") == 0 || strstr(key, "id_no") || strstr(key, "idcard")))
		return true;
	for (i = 0; name && words[i]; i++)
		if (strstr(name, words[i]))
			return true;
	return false;
}

static void
pii_decref(void *j)
{
	json_decref(j);
}

/* Is key a phone or ID field of the ledger's custom fields? */
static bool
pii_custom_key(const struct ledger *l, const char *key)
{
	json_t	*custom = json_object_get(l->config, "custom"), *fd;
	size_t	 i;

	json_array_foreach(custom, i, fd)
		if (json_is_string(json_object_get(fd, "key")) &&
		    strcmp(json_string_value(json_object_get(fd, "key")),
		    key) == 0)
			return pii_field(fd);
	return false;
}

void
pii_item_mask(struct arena *a, struct item *it, const struct ledger *l)
{
	json_t		*c, *v;
	const char	*key, *s, *m;

	it->leader_phone = pii_mask_phone(a, it->leader_phone);
	it->responsible_phone = pii_mask_phone(a, it->responsible_phone);
	it->content = pii_mask_text(a, it->content);
	it->progress_text = pii_mask_text(a, it->progress_text);
	if (it->custom == NULL || json_object_size(it->custom) == 0)
		return;
	c = json_deep_copy(it->custom);
	arena_defer(a, pii_decref, c);
	json_object_foreach(c, key, v) {
		if (!json_is_string(v))
			continue;
		s = json_string_value(v);
		m = pii_custom_key(l, key) ? pii_mask_phone(a, s) :
		    pii_mask_text(a, s);
		if (m != s)
			json_object_set_new(c, key, json_string(m));
	}
	it->custom = c;
}
