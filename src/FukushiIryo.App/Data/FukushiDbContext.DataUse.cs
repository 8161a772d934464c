using FukushiIryo.App.DataUse;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>情報照会 (P15) with its 照会許可照合リスト, and データ利用申請 (P14).</summary>
public sealed partial class FukushiDbContext
{
    /// <summary>照会許可照合リスト (Masters, P15).</summary>
    public DbSet<InquiryAllowListRow> InquiryAllowList => Set<InquiryAllowListRow>();

    /// <summary>情報照会 (Linkage, P15).</summary>
    public DbSet<NetworkInquiry> NetworkInquiries => Set<NetworkInquiry>();

    /// <summary>データ利用申請 (DataUse, P14).</summary>
    public DbSet<DataUseRequest> DataUseRequests => Set<DataUseRequest>();
}
