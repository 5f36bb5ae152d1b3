/**
 * The requests a second a bot may make to Discord are few (about 50; discord.js holds every request
 * past them), and answers come first. Charts are edited into replies already sent, so a chart edit
 * takes only what answers leave: the answers sent in the last second, with a quarter more for
 * those still coming and a small margin, are kept free. Under load the charts are left out and the
 * figures still go at once.
 */
export class ChartBudget {
	private readonly answers: number[] = [];
	private readonly charts: number[] = [];

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = () => Date.now(),
		private readonly margin = 5,
	) {}

	/** An answer sent by a request Discord counts (a message posted, a reply edited). */
	answered(): void {
		this.forget();
		this.answers.push(this.now());
	}

	/** Whether a chart edit may go now; when it may, it is counted. */
	takeForChart(): boolean {
		this.forget();
		const kept = Math.ceil(this.answers.length * 1.25) + this.margin;
		if (kept + this.charts.length + 1 > this.perSecond) return false;
		this.charts.push(this.now());
		return true;
	}

	/** Only the last second is kept. */
	private forget(): void {
		const since = this.now() - 1000;
		for (const list of [this.answers, this.charts]) {
			let old = 0;
			while (old < list.length && list[old]! <= since) old++;
			if (old > 0) list.splice(0, old);
		}
	}
}
