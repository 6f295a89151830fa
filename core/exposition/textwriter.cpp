#include "textwriter.h"
