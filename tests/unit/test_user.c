/* Roles, logins, and scope as the union of memberships. */
#include <string.h>

#include "check.h"
#include "user.h"

static void
test_roles(void)
{
	CHECK(role_parse("admin") == ROLE_ADMIN);
	CHECK(role_parse("reporter") == ROLE_REPORTER);
	CHECK(role_parse("root") == ROLE_NONE);
	CHECK(strcmp(role_label(ROLE_SUPERVISOR), "督办") == 0);
	CHECK(ROLE_VIEWER < ROLE_REPORTER && ROLE_REPORTER < ROLE_SUPERVISOR);
}

static void
test_login(void)
{
	CHECK(user_login_invalid("admin") == NULL);
	CHECK(user_login_invalid("li.qiang-2") == NULL);
	CHECK(user_login_invalid("a") != NULL);
	CHECK(user_login_invalid("-abc") != NULL);
	CHECK(user_login_invalid("ab cd") != NULL);
	CHECK(user_login_invalid("张三") != NULL);
	CHECK(user_password_invalid("short") != NULL);
	CHECK(user_password_invalid("长度够八个字了吗") == NULL);
	CHECK(user_password_invalid("long-enough") == NULL);
}

static void
test_scope_union(void)
{
	struct user	u;
	int64_t		chain_a[] = { 5, 1 };	/* unit 5 below unit 1 */
	int64_t		chain_b[] = { 7 };

	memset(&u, 0, sizeof(u));
	u.role = ROLE_SUPERVISOR;
	/* supervisor of unit 1 (and below), reporter in county 230103 */
	u.memb[0].role = ROLE_SUPERVISOR;
	u.memb[0].unit_id = 1;
	u.memb[1].role = ROLE_REPORTER;
	strcpy(u.memb[1].region, "230103");
	u.nmemb = 2;

	CHECK(user_max_role(&u) == ROLE_SUPERVISOR);
	CHECK(user_may(&u, ROLE_SUPERVISOR, NULL, chain_a, 2));
	CHECK(!user_may(&u, ROLE_SUPERVISOR, NULL, chain_b, 1));
	/* in the region the user is only a reporter: not the widest role */
	CHECK(user_may(&u, ROLE_REPORTER, "230103001001", NULL, 0));
	CHECK(!user_may(&u, ROLE_SUPERVISOR, "230103001001", NULL, 0));
	CHECK(!user_may(&u, ROLE_VIEWER, "140881100202", NULL, 0));
	/* a prefix of the region is not inside it */
	CHECK(!user_may(&u, ROLE_VIEWER, "2301", NULL, 0));
	u.role = ROLE_ADMIN;
	CHECK(user_may(&u, ROLE_SUPERVISOR, "140881100202", NULL, 0));
}

TEST_MAIN(TEST(test_roles), TEST(test_login), TEST(test_scope_union))
