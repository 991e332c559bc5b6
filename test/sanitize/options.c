/*
 * options.c — sanitizer options compiled into the instrumented ocenka.so by scripts/sanitize.
 *
 * UBSan's runtime is loaded with the module, so it starts inside a backend, after PostgreSQL
 * has written its process title over the memory that /proc/self/environ shows, where the
 * runtime would look for UBSAN_OPTIONS; the options are therefore built in (ASan's too, for a
 * run without the preloaded runtime). OCENKA_SANITIZE_LOG is the directory reports go to.
 */
#ifndef OCENKA_SANITIZE_LOG
#define OCENKA_SANITIZE_LOG "/tmp"
#endif

const char *__asan_default_options(void);
const char *__ubsan_default_options(void);

/* ASan: the runtime is loaded late; PostgreSQL frees by memory context, so no leak check. */
const char *
__asan_default_options(void)
{
	return "verify_asan_link_order=0:detect_leaks=0:abort_on_error=1:halt_on_error=1:"
		"detect_stack_use_after_return=0:log_path=" OCENKA_SANITIZE_LOG "/asan";
}

/* UBSan: any finding stops the backend with a stack. */
const char *
__ubsan_default_options(void)
{
	return "print_stacktrace=1:halt_on_error=1:log_path=" OCENKA_SANITIZE_LOG "/ubsan";
}
