//go:build unix

package summarize

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (all threads, GC
// included). Benchmarks report it per op because wall time on a shared,
// loaded machine says more about the neighbours than about Analyze.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
