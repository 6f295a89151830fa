#pragma once

#include <QThread>

#include <exception>
#include <memory>
#include <optional>
#include <utility>

namespace ppl {

// Runs f() to completion on a helper thread whose stack holds stackBytes, and returns its
// result (or rethrows its exception): for recursive code whose bounded depth the calling
// thread's stack may not hold — the PromQL parser accepts 1000 nesting levels, and under
// AddressSanitizer each level's frames are several times larger than in a normal build, which
// overflowed the usual 8 MB. The caller blocks meanwhile; the stack is only reserved address
// space until the recursion touches it.
template <class F> auto callOnLargeStack(uint stackBytes, F &&f) {
    using Result = decltype(f());
    std::optional<Result> result;
    std::exception_ptr error;
    const std::unique_ptr<QThread> thread(QThread::create([&] {
        try {
            result.emplace(f());
        } catch (...) {
            error = std::current_exception();
        }
    }));
    thread->setStackSize(stackBytes);
    thread->start();
    thread->wait();
    if (error)
        std::rethrow_exception(error);
    return std::move(*result);
}

} // namespace ppl
