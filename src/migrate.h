/* The schema migrations, embedded from schema/NNN-*.sql at build time. */
#ifndef MIGRATE_H
#define MIGRATE_H

struct migration {
	int		 version;
	const char	*name;
	const char	*text;
};

extern const struct migration	migrations[];
extern const int		migrations_count;

#endif
