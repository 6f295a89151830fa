#include "textparser.h"
