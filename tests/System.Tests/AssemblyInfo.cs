// One whole system at a time: two starting side by side on a small machine would put their
// start-up load into the other's latency bounds.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
