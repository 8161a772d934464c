using System.Security.Cryptography;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Renewals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RenewalService = FukushiIryo.App.Renewals.Renewals;

namespace FukushiIryo.Web.Pages.Renewals;

/// <summary>
/// 更新の決定 (permission <c>renewal.decide</c>, 決裁, 再認証 before the page as for an application's
/// decision): runs the decide step of the chosen kind and year. The form posts with htmx so that the
/// progress keeps polling while the step runs; without script it posts normally and shows the result.
/// </summary>
[RequiresReauthentication(IncludeGet = true)]
public sealed class DecideModel(RenewalService renewals, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public RenewalKind RenewalKind { get; private set; }

    public int RenewalYear { get; private set; }

    public RenewalSummary Summary { get; private set; } = default!;

    public RenewalDecideResult? Result { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The decided households not yet printed, per kind of document (the print buttons).</summary>
    public IReadOnlyDictionary<RenewalPrintKind, int> Unprinted { get; private set; } = new Dictionary<RenewalPrintKind, int>();

    /// <summary>Every listed household is decided: the decide button is replaced by a note.</summary>
    public bool AllDecided => Summary is { Exists: true, Households: > 0 } s && s.ByState[RenewalItemState.Decided] == s.Households;

    public string PollUrl => $"/Renewals/Decide?handler=Progress&{RenewalPages.Query(RenewalKind, RenewalYear)}";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);

    public async Task<IActionResult> OnGetProgressAsync()
    {
        if (!Choose())
        {
            return BadRequest();
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        return Partial("_Progress", (Summary, PollUrl));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Choose())
        {
            Problem = "更新の種類と年を確かめてください。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        try
        {
            Result = await renewals.DecideAsync(RenewalKind, RenewalYear, User.Identity!.Name!, cancellationToken: HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RenewalRefusedException or MasterDataMissingException)
        {
            Problem = exception.Message;
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
    }

    /// <summary>
    /// The batch print of one kind (受給資格証 or a 喪失通知書 kind) of the decided households not yet
    /// printed: the PDF is written whole into an owner-only temporary file (deleted when the response
    /// closes it), the print is recorded (交付履歴, audit with the file's SHA-256, printed marks), and the
    /// file is streamed as the response (ADR 0041); nothing due shows the page with a note. A client that
    /// goes away while the PDF is being written cancels the print (nothing recorded, the file removed);
    /// one that goes away while the finished file is being sent leaves the print recorded: its documents
    /// are then reprinted one by one (再交付 from the recipient's page).
    /// </summary>
    public async Task<IActionResult> OnPostPrintAsync(string? what)
    {
        if (!Choose() || !Enum.TryParse<RenewalPrintKind>(what, ignoreCase: false, out var printKind) || !RenewalService.PrintKinds(RenewalKind).Contains(printKind))
        {
            Problem = "印刷する書類を確かめてください。";
            return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        TemporaryPdf? output = null;
        try
        {
            RenewalPrintedPdf? printed;
            try
            {
                printed = await renewals.PrintAsync(RenewalKind, RenewalYear, printKind, User.Identity!.Name!, () => output = new TemporaryPdf(), HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (RenewalRefusedException exception)
            {
                Problem = exception.Message;
                return await ShowAsync(StatusCodes.Status400BadRequest).ConfigureAwait(false);
            }

            if (printed is null)
            {
                Problem = $"新たに印刷する{RenewalService.Label(printKind)}はありません。";
                return await ShowAsync(StatusCodes.Status200OK).ConfigureAwait(false);
            }

            return File(output!.TakeFile(), "application/pdf", $"renewal-{RenewalPages.Key(RenewalKind)}-{RenewalYear}-{RenewalService.FileStem(printKind)}.pdf");
        }
        finally
        {
            output?.Close(); // not handed to the response (refused, failed): closed, so deleted
        }
    }

    /// <summary>
    /// The batch PDF of a download: an owner-only temporary file (it holds names and addresses, in the
    /// shared temporary folder) opened with DeleteOnClose. Completed, it is rewound and its SHA-256 read
    /// back from the file, and kept open when the print disposes it; <see cref="TakeFile"/> hands it to
    /// the response, which closes (deletes) it, or <see cref="Close"/> deletes it. Disposed uncompleted
    /// (a failure, a cancelled request), it is closed and so deleted.
    /// </summary>
    internal sealed class TemporaryPdf : IBatchPdfOutput
    {
        private FileStream? file;
        private bool completed;

        public TemporaryPdf()
        {
            file = FukushiIryo.App.Exports.AtomicFile.CreateOwnerOnlyTemporary("fukushi-renewal", "pdf");
        }

        public Stream Stream => file ?? throw new ObjectDisposedException(nameof(TemporaryPdf));

        public async Task<string> CompleteAsync(BatchPrinted batch, CancellationToken cancellationToken)
        {
            var stream = file ?? throw new ObjectDisposedException(nameof(TemporaryPdf));
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            stream.Position = 0;
            completed = true;
            return sha256;
        }

        /// <summary>The completed file, now the caller's to close.</summary>
        public FileStream TakeFile()
        {
            var taken = file ?? throw new ObjectDisposedException(nameof(TemporaryPdf));
            file = null;
            return taken;
        }

        /// <summary>Closes (deletes) the file unless the response has it.</summary>
        public void Close()
        {
            file?.Dispose();
            file = null;
        }

        public ValueTask DisposeAsync()
        {
            if (!completed)
            {
                Close();
            }

            return ValueTask.CompletedTask;
        }
    }

    private bool Choose()
    {
        if (RenewalPages.ParseKind(Kind) is not { } kind)
        {
            return false;
        }

        RenewalKind = kind;
        RenewalYear = Year ?? RenewalPages.DefaultYear(kind, clock);
        return RenewalYear is >= 2000 and <= 9998;
    }

    private async Task<IActionResult> ShowAsync(int status)
    {
        if (!Choose())
        {
            RenewalKind = RenewalKind.August;
            RenewalYear = RenewalPages.DefaultYear(RenewalKind, clock);
        }

        Summary = await renewals.SummaryAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        Unprinted = await renewals.UnprintedAsync(RenewalKind, RenewalYear).ConfigureAwait(false);
        Response.StatusCode = status;
        return Page();
    }
}
