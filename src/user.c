#include <string.h>

#include "user.h"
#include "util.h"

static const char *const role_names[] = {
	"", "viewer", "reporter", "supervisor", "admin"
};
static const char *const role_labels[] = {
	"", "查看", "填报", "督办", "系统管理员"
};

enum role
role_parse(const char *s)
{
	size_t i;

	for (i = 1; i < NELEM(role_names); i++)
		if (strcmp(s, role_names[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

const char *
role_name(enum role r)
{
	return r <= ROLE_ADMIN ? role_names[r] : "";
}

const char *
role_label(enum role r)
{
	return r <= ROLE_ADMIN ? role_labels[r] : "";
}

const char *
user_login_invalid(const char *s)
{
	size_t i, n;

	n = strlen(s);
	if (n < 2 || n >= USER_LOGIN_MAX)
		return "登录名长度应为2到63个字符";
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return "登录名只能包含字母、数字和 . _ -,且以字母或数字开头";
	}
	return NULL;
}

const char *
user_password_invalid(const char *s)
{
	size_t n = strlen(s);

	if (!util_utf8_valid(s, n))
		return "密码含有无效字符";
	if (util_utf8_len(s, n) < 8)
		return "密码至少需要8个字符";
	if (n > 128)
		return "密码不能超过128个字节";
	return NULL;
}

enum role
user_max_role(const struct user *u)
{
	enum role	r = u->role;
	int		i;

	for (i = 0; i < u->nmemb; i++)
		if (u->memb[i].role > r)
			r = u->memb[i].role;
	return r;
}

bool
user_may(const struct user *u, enum role role, const char *code,
    const int64_t *units, size_t nunits)
{
	const struct membership	*m;
	int			 i;
	size_t			 k;

	if (u->role == ROLE_ADMIN)
		return true;
	for (i = 0; i < u->nmemb; i++) {
		m = &u->memb[i];
		if (m->role < role)
			continue;
		if (m->region[0] && code && *code &&
		    place_in_region(code, m->region))
			return true;
		for (k = 0; m->unit_id && k < nunits; k++)
			if (units[k] == m->unit_id)
				return true;
	}
	return false;
}
