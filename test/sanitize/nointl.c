/*
 * nointl.c — preloaded with the ASan runtime by scripts/sanitize: gettext without translations.
 *
 * With libasan in LD_PRELOAD, Debian's postgres 15 finds glibc's gettext lock corrupted before
 * main() and hangs in bindtextdomain (seen with gcc's and clang's runtimes alike). The server
 * under test needs no translated messages, so these stand-ins return the message as given and
 * never touch that lock.
 */
#include <stddef.h>

char	   *bindtextdomain(const char *domainname, const char *dirname);
char	   *bind_textdomain_codeset(const char *domainname, const char *codeset);
char	   *textdomain(const char *domainname);
char	   *gettext(const char *msgid);
char	   *dgettext(const char *domainname, const char *msgid);
char	   *dcgettext(const char *domainname, const char *msgid, int category);
char	   *ngettext(const char *msgid1, const char *msgid2, unsigned long n);
char	   *dngettext(const char *domainname, const char *msgid1, const char *msgid2, unsigned long n);
char	   *dcngettext(const char *domainname, const char *msgid1, const char *msgid2, unsigned long n, int category);

char *
bindtextdomain(const char *domainname, const char *dirname)
{
	(void) domainname;
	return (char *) dirname;
}

char *
bind_textdomain_codeset(const char *domainname, const char *codeset)
{
	(void) domainname;
	return (char *) codeset;
}

char *
textdomain(const char *domainname)
{
	return (char *) (domainname != NULL ? domainname : "messages");
}

char *
gettext(const char *msgid)
{
	return (char *) msgid;
}

char *
dgettext(const char *domainname, const char *msgid)
{
	(void) domainname;
	return (char *) msgid;
}

char *
dcgettext(const char *domainname, const char *msgid, int category)
{
	(void) domainname;
	(void) category;
	return (char *) msgid;
}

char *
ngettext(const char *msgid1, const char *msgid2, unsigned long n)
{
	return (char *) (n == 1 ? msgid1 : msgid2);
}

char *
dngettext(const char *domainname, const char *msgid1, const char *msgid2, unsigned long n)
{
	(void) domainname;
	return (char *) (n == 1 ? msgid1 : msgid2);
}

char *
dcngettext(const char *domainname, const char *msgid1, const char *msgid2, unsigned long n, int category)
{
	(void) domainname;
	(void) category;
	return (char *) (n == 1 ? msgid1 : msgid2);
}
