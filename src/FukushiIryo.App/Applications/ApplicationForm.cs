using FukushiIryo.Domain.Eligibility;

namespace FukushiIryo.App.Applications;

/// <summary>
/// 新規申請 as typed at the counter: every field a string (full-width digits, 和暦 and ISO dates are
/// read by <see cref="ApplicationIntake"/>), so that a bad value comes back with a message for its
/// field. Persons are given by 宛名番号, picked from the 台帳 (宛名検索).
/// </summary>
public sealed class ApplicationForm
{
    /// <summary>申請者 (父母 or 養育者): 宛名番号.</summary>
    public string? ApplicantAtena { get; set; }

    /// <summary><see cref="Domain.Eligibility.ApplicantRole"/> name: Parent (父母) or Carer (養育者).</summary>
    public string? ApplicantRole { get; set; } = nameof(Domain.Eligibility.ApplicantRole.Parent);

    /// <summary>申請年月日 (= 受付日).</summary>
    public string? AppliedOn { get; set; }

    /// <summary>申請理由.</summary>
    public string? ApplicationReason { get; set; }

    /// <summary><see cref="Domain.Eligibility.SingleParentReason"/> name.</summary>
    public string? SingleParentReason { get; set; }

    /// <summary>事由発生年月日.</summary>
    public string? ReasonArisenOn { get; set; }

    /// <summary>有期終了日 (optional).</summary>
    public string? FixedTermEnd { get; set; }

    /// <summary>生活保護を受けている (applicant). Picking 生活保護 in <see cref="OtherPrograms"/> says the same.</summary>
    public bool PublicAssistance { get; set; }

    /// <summary>他制度 of the applicant: program names of the ProgramPrecedence master (<see cref="OtherProgramList"/>).</summary>
    public List<string> OtherPrograms { get; set; } = [];

    /// <summary><see cref="People.InsuranceKind"/> name.</summary>
    public string? InsuranceKind { get; set; } = nameof(People.InsuranceKind.National);

    /// <summary>保険者番号.</summary>
    public string? InsurerNumber { get; set; }

    public string? CardSymbol { get; set; }

    public string? CardNumber { get; set; }

    /// <summary>金融機関コード (4 digits); empty with ゆうちょ 記号・番号.</summary>
    public string? BankCode { get; set; }

    /// <summary>支店コード (3 digits).</summary>
    public string? BranchCode { get; set; }

    /// <summary>Ordinary (普通) or Current (当座).</summary>
    public string? AccountType { get; set; } = nameof(Domain.Text.AccountType.Ordinary);

    /// <summary>口座番号 (up to 7 digits).</summary>
    public string? AccountNumber { get; set; }

    /// <summary>ゆうちょ 記号 (5 digits), instead of bank, branch and number.</summary>
    public string? YuchoSymbol { get; set; }

    /// <summary>ゆうちょ 番号.</summary>
    public string? YuchoNumber { get; set; }

    /// <summary>口座名義人 (カナ).</summary>
    public string? AccountHolderKana { get; set; }

    /// <summary>電話番号.</summary>
    public string? PhoneNumber { get; set; }

    public List<ApplicationChildForm> Children { get; set; } = [];
}

/// <summary>A child of the form.</summary>
public sealed class ApplicationChildForm
{
    /// <summary>宛名番号; a row left entirely empty (<see cref="IsEmpty"/>) is ignored.</summary>
    public string? Atena { get; set; }

    /// <summary>保険加入: never assumed; staff tick it (an API call sends <c>true</c>).</summary>
    public bool Insured { get; set; }

    public bool RemoteArea { get; set; }

    public bool SeparateCustody { get; set; }

    public bool InChildWelfareFacility { get; set; }

    /// <summary>他制度 of the child (<see cref="OtherProgramList"/>).</summary>
    public List<string> OtherPrograms { get; set; } = [];

    /// <summary>Nothing typed, ticked or picked: the row is not a child.</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Atena) && !Insured && !RemoteArea && !SeparateCustody && !InChildWelfareFacility
        && OtherProgramList.Clean(OtherPrograms).Count == 0;
}

/// <summary>The outcome of <see cref="ApplicationIntake.ReceiveAsync"/>: the saved application, or the problems by field (nothing saved).</summary>
/// <param name="Problems">Field name of <see cref="ApplicationForm"/> (children as <c>Children[0].Atena</c>) → Japanese message.</param>
public sealed record ApplicationIntakeResult(Application? Saved, IReadOnlyDictionary<string, string> Problems, EligibilityResult? Check)
{
    public bool IsSaved => Saved is not null;
}

/// <summary>The echo of a typed 宛名番号 on the form: the registered name and birth date, or the message why not.</summary>
public sealed record PersonEcho(string? Name, DateOnly? BirthDate, string? Problem);
