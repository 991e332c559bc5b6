# Sourced by bench/national-run.sh and bench/memory-p8-run.sh. run_sampled PIDFILE PSQL-ARGUMENTS...:
# runs psql with the arguments given (a script that first writes its backend's pid to PIDFILE, as
# bench/national-step.sql does) and samples that backend's peak private memory (RssAnon of
# /proc/PID/status: anonymous pages only; shared_buffers are shared memory, RssShmem) every 20 ms
# while psql runs. Sets PEAK_KB; on psql's failure prints its output and returns 1.
run_sampled() {
	local pidfile=$1 client pid="" kb out
	shift
	out=$(mktemp)
	rm -f "$pidfile"
	psql "$@" >"$out" 2>&1 &
	client=$!
	PEAK_KB=0
	while kill -0 "$client" 2>/dev/null; do
		if [ -z "$pid" ] && [ -s "$pidfile" ]; then pid=$(tr -d '[:space:]' <"$pidfile"); fi
		if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
			kb=$(awk '/^RssAnon/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
			if [ "${kb:-0}" -gt "$PEAK_KB" ]; then PEAK_KB=$kb; fi
		fi
		sleep 0.02
	done
	if ! wait "$client"; then cat "$out"; rm -f "$out"; return 1; fi
	rm -f "$out"
}
