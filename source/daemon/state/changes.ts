// What a transition touched, so the daemon can persist exactly that and push
// it to subscribers (instead of rewriting or resending the whole state).
export class Changes {
	readonly tasks = new Set<number>();
	readonly removedTasks = new Set<number>();
	readonly groups = new Set<string>();
	readonly removedGroups = new Set<string>();

	task(id: number): void {
		this.tasks.add(id);
	}

	removeTask(id: number): void {
		this.tasks.delete(id);
		this.removedTasks.add(id);
	}

	group(name: string): void {
		this.removedGroups.delete(name);
		this.groups.add(name);
	}

	removeGroup(name: string): void {
		this.groups.delete(name);
		this.removedGroups.add(name);
	}

	get empty(): boolean {
		return this.tasks.size + this.removedTasks.size + this.groups.size + this.removedGroups.size === 0;
	}
}
