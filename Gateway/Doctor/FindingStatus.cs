namespace Gateway.Doctor;

/// <summary>How one line of the doctor's report reads: a check that passed, a check that failed, or a remark that is no check.</summary>
internal enum FindingStatus
{
    Ok,
    Fail,

    /// <summary>Something the doctor cannot verify and says so plainly; it neither passes nor fails the run.</summary>
    Note,
}
