namespace FukushiIryo.App.Documents;

/// <summary>
/// Builds the PDF of a document from its input: a pure function (no database, no clock) of plain
/// values. The print service (<see cref="DocumentPrints"/>) calls it and writes the audit event;
/// call it directly only for a preview that is not printed.
/// </summary>
public static class DocumentRenderer
{
    public static RenderedDocument Render(DocumentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input switch
        {
            CertificateInput certificate => CertificatePdf.Render(certificate),
            GrantNoticeInput grant => NoticePdf.Grant(grant),
            RejectionNoticeInput rejection => NoticePdf.Rejection(rejection),
            LossNoticeInput loss => NoticePdf.Loss(loss),
            ReceptionRegisterInput register => ReceptionRegisterPdf.Render(register),
            PaymentNoticeInput payment => PaymentNoticePdf.Render(payment),
            RenewalFormsInput forms => NoticePdf.RenewalForms(forms),
            RecoveryNoticeInput recovery => RecoveryNoticePdf.Render(recovery),
            ReturnedTransferNoticeInput returned => ReturnedTransferNoticePdf.Render(returned),
            _ => throw new ArgumentException($"No builder for {input.GetType().Name}.", nameof(input)),
        };
    }
}
