#include "seriesstore.h"
