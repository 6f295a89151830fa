#include "checkmetrics.h"
