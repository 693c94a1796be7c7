#include "trace/trace-hw_misc_arm_pck600_ppu.h"
