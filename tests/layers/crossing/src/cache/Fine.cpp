// Allowed: cache uses core. Present so the test shows the check names only the crossings.
#include <lamina/cache/TileCache.h>
#include <lamina/core/Error.h>
