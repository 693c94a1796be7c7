#include "trace/trace-hw_arm_smmuv3_pm.h"
