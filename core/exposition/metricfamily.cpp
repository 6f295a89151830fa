#include "metricfamily.h"
