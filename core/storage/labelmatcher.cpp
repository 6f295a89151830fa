#include "labelmatcher.h"
