using FukushiIryo.App.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>支払 B (ADR 0032): returned transfers (振込不能) and the 現物給付 請求書.</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>振込不能: transfers the bank returned, each with its 再振込 adjustment.</summary>
    public DbSet<ReturnedTransfer> ReturnedTransfers => Set<ReturnedTransfer>();

    /// <summary>現物給付 請求書 of the 審査支払機関, reconciled and approved per month.</summary>
    public DbSet<InKindInvoice> InKindInvoices => Set<InKindInvoice>();
}
