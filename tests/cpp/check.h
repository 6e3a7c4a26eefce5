// check.h: the smallest test harness that does the job: CHECK counts failures and says where.
#pragma once
#include <cmath>
#include <cstdio>

namespace check_detail {
inline int &failures() { static int n = 0; return n; }
inline int &checks() { static int n = 0; return n; }
}  // namespace check_detail

#define CHECK(cond)                                                                  \
    do {                                                                             \
        ++check_detail::checks();                                                    \
        if (!(cond)) {                                                               \
            ++check_detail::failures();                                              \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                      \
    do {                                                                                           \
        ++check_detail::checks();                                                                  \
        const double check_a_ = (a), check_b_ = (b);                                               \
        if (!(std::fabs(check_a_ - check_b_) <= (tol))) {                                          \
            ++check_detail::failures();                                                            \
            std::fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %g, %s = %g, tolerance %g\n", __FILE__, \
                         __LINE__, #a, check_a_, #b, check_b_, double(tol));                       \
        }                                                                                          \
    } while (0)

inline int check_summary() {
    std::printf("%d checks, %d failed\n", check_detail::checks(), check_detail::failures());
    return check_detail::failures() == 0 ? 0 : 1;
}
