"""The web portal: instructors run exercises, teams submit orders, evaluators watch and rate.

``create_app(db_path)`` builds the FastAPI application (``ttx serve`` runs it with uvicorn).
"""

from simulator.portal.app import create_app

__all__ = ["create_app"]
