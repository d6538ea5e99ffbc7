#include <string.h>

#include "unit.h"

const char *const unit_kinds[] = {
	"党政部门", "理事单位", "乡镇街道", "企业", "社会组织", "老促会及分会",
	NULL
};

bool
unit_kind_valid(const char *k)
{
	size_t i;

	for (i = 0; unit_kinds[i]; i++)
		if (strcmp(k, unit_kinds[i]) == 0)
			return true;
	return false;
}
