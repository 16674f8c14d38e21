"""Celery tasks of the administration area. Thin: each calls a service."""

from celery import shared_task


@shared_task(name="administration.tasks.run_simulation", acks_late=True)
def run_simulation_task(simulation_id: int) -> None:
    from administration.services.simulation import run_simulation

    run_simulation(simulation_id)
