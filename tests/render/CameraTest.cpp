#include <lamina/render/Camera.h>

#include <gtest/gtest.h>

using namespace lamina;

namespace {
constexpr double kEps = 1e-6;
const QSizeF kViewport(800, 600);

void expectNear(QPointF a, QPointF b, double eps = kEps) {
    EXPECT_NEAR(a.x(), b.x(), eps);
    EXPECT_NEAR(a.y(), b.y(), eps);
}
} // namespace

TEST(Camera, CentreOfTheViewportIsTheCameraCentre) {
    Camera c{{1000, 2000}, 4, 0};
    expectNear(c.toScreen(QPointF(1000, 2000), kViewport), QPointF(400, 300));
    // One device pixel right = `downsample` level-0 pixels right.
    expectNear(c.toSlide(QPointF(401, 300), kViewport), QPointF(1004, 2000));
}

TEST(Camera, ScreenAndSlideRoundTripUnderRotation) {
    for (double rotation : {0.0, 90.0, 180.0, 270.0, 33.0}) {
        Camera c{{5000, 3000}, 2.5, rotation};
        const QPointF p(123.4, 567.8);
        expectNear(c.toScreen(c.toSlide(p, kViewport), kViewport), p, 1e-6);
    }
}

TEST(Camera, RotationIsClockwiseOnScreen) {
    Camera c{{0, 0}, 1, 90};
    // A slide point to the right of the centre appears below it after a 90° clockwise turn.
    expectNear(c.toScreen(QPointF(10, 0), kViewport), QPointF(400, 310));
}

TEST(Camera, ZoomKeepsThePointUnderTheCursorFixed) {
    Camera c{{10000, 8000}, 8, 30};
    const QPointF cursor(120, 470);
    const QPointF before = c.toSlide(cursor, kViewport);
    c.zoomAround(1.25, cursor, kViewport);
    EXPECT_NEAR(c.downsample, 8 / 1.25, kEps);
    expectNear(c.toSlide(cursor, kViewport), before, 1e-6);
}

TEST(Camera, DragMovesTheSlideWithTheHandEvenWhenRotated) {
    for (double rotation : {0.0, 90.0, 217.0}) {
        Camera c{{500, 500}, 3, rotation};
        const QPointF grabbed = c.toSlide(QPointF(200, 200), kViewport);
        c.panByScreen(QPointF(37, -12));
        expectNear(c.toScreen(grabbed, kViewport), QPointF(237, 188), 1e-6);
    }
}

TEST(Camera, FitShowsTheWholeSlide) {
    Camera c;
    c.fit({40000, 10000}, kViewport);
    EXPECT_NEAR(c.downsample, 50, kEps); // width-limited
    const QRectF visible = c.visibleSlideRect(kViewport);
    EXPECT_LE(visible.left(), 0 + kEps);
    EXPECT_GE(visible.right(), 40000 - kEps);
    c.rotation = 90;
    c.fit({40000, 10000}, kViewport);
    EXPECT_NEAR(c.downsample, 40000.0 / 600, kEps); // turned: the long side is vertical
}
