using FukushiIryo.App.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>審査結果 (Review).</summary>
public sealed partial class FukushiDbContext
{
    public DbSet<ClaimReview> ClaimReviews => Set<ClaimReview>();

    public DbSet<ClaimReviewFinding> ClaimReviewFindings => Set<ClaimReviewFinding>();
}
