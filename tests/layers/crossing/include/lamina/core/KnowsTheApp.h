#pragma once
// A planted layer violation for the layer check's test (never compiled): core is the bottom.
#include "lamina/app/MainWindow.h"
