package main

import "testing"

func TestMedianRunIsTheMiddleScoreWithTheRange(t *testing.T) {
	runs := []result{{Perf: 99, TBTms: 40}, {Perf: 92, TBTms: 300}, {Perf: 97, TBTms: 120}, {Perf: 97, TBTms: 90}, {Perf: 100, TBTms: 10}}
	got := medianRun(runs)
	if got.Perf != 97 || got.TBTms != 90 {
		t.Errorf("median run: Perf %d, TBT %.0f; want 97 and 90 ms", got.Perf, got.TBTms)
	}
	if got.PerfRange != [2]int{92, 100} || got.Runs != 5 {
		t.Errorf("range %v over %d runs, want [92 100] over 5", got.PerfRange, got.Runs)
	}
	if even := medianRun(runs[:4]); even.Perf != 97 || even.TBTms != 120 {
		t.Errorf("of four runs: Perf %d, TBT %.0f; want the slower middle one, 97 and 120 ms", even.Perf, even.TBTms)
	}
}
