#include "system/StandardStreams.h"

void StandardStreams::holdClosedOnes() {}
