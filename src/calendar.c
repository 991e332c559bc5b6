/* calendar.c — see src/calendar.sql */
#include "ocenka.h"
