#pragma once
// The app's one way to run work off the GUI thread (opening archive slides, writing the demo
// slide, archive searches, autosaves, large exports): runInBackground(receiver, work, done)
// runs `work()` on a process-wide pool and then `done(result)` on the GUI thread, only if
// `receiver` still exists by then. The pool is created on first use and joined when the
// QCoreApplication is destroyed (a post routine), so no work outlives the application and no
// detached thread touches a dead qApp. Work must not touch widgets; an exception escaping it
// is logged and `done` is not called (catch what the user must hear about and return it).
// Thread-safety: runInBackground() from the GUI thread; work runs on pool threads.

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <functional>
#include <future>
#include <memory>
#include <type_traits>

namespace lamina {

namespace detail {
// Queues `task` on the app's background pool (created on first use). The future is ready
// when `task` has returned.
std::future<void> submitBackgroundTask(std::function<void()> task);
void logBackgroundFailure(const char* what);
} // namespace detail

// The returned future is ready once `work()` has returned (before `done` runs), for the few
// callers that must wait for their work (a last save when a slide closes).
template <class Work, class Done>
std::future<void> runInBackground(QObject* receiver, Work work, Done done) {
    using Result = std::invoke_result_t<Work&>;
    static_assert(!std::is_void_v<Result>, "work returns what done receives");
    QPointer<QObject> guard(receiver);
    // Shared so the delivery functor stays copyable whatever the result type.
    auto shared = std::make_shared<std::pair<Work, Done>>(std::move(work), std::move(done));
    return detail::submitBackgroundTask([guard, shared] {
        std::shared_ptr<Result> result;
        try {
            result = std::make_shared<Result>(shared->first());
        } catch (const std::exception& e) {
            detail::logBackgroundFailure(e.what());
            return;
        }
        if (QCoreApplication* app = QCoreApplication::instance())
            QMetaObject::invokeMethod(app, [guard, shared, result] {
                if (guard) // checked on the GUI thread, where the receiver is destroyed
                    shared->second(std::move(*result));
            });
    });
}

} // namespace lamina
