namespace Profiles.Gateway.Hosting;

/// <summary>
/// What one interval showed the admission limit: fan-outs ended and overrun, whether fan-outs
/// admitted before the last cut may still be running (so that the overruns may be theirs, and the
/// cut has not shown its effect yet), whether the limit held requests back, and the thread pool's
/// median wait.
/// </summary>
public readonly record struct AdmissionEvidence(long Ended, long Overrun, bool CutPending, bool LimitReached, TimeSpan MedianSchedulingDelay);
