/* banned.h — functions that are easy to misuse are made compile errors
 * (after git's banned.h).  Included by every daam source file via common.h. */
#ifndef DAAM_BANNED_H
#define DAAM_BANNED_H
#define BANNED(func) sorry_##func##_is_banned_in_daam
#undef strcpy
#define strcpy(a, b) BANNED(strcpy)
#undef strcat
#define strcat(a, b) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(a, b) BANNED(strtok)
#undef atoi
#define atoi(a) BANNED(atoi)
#undef gets
#define gets(a) BANNED(gets)
#endif
