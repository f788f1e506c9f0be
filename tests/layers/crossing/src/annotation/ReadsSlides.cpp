// A planted layer violation for the layer check's test (never compiled): annotation sits
// below slide, so it may not include a slide header.
#include <lamina/annotation/Annotation.h>
#include <lamina/slide/SlideSource.h>
