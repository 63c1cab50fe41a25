/* SPDX-License-Identifier: MIT */
/** @file
 * Symbol export macro. Every public function carries VINTC_API; everything
 * else in the library is built with hidden visibility.
 */
#ifndef VINTC_EXPORT_H
#define VINTC_EXPORT_H

#if defined(_WIN32) && defined(VINTC_SHARED)
#if defined(VINTC_BUILDING)
#define VINTC_API __declspec(dllexport)
#else
#define VINTC_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define VINTC_API __attribute__((visibility("default")))
#else
#define VINTC_API
#endif

#endif
