"""``WAGTAIL_FINISH_WORKFLOW_ACTION`` target. Wagtail imports it while defining its own
models, so this module must import nothing from them at import time."""


def finish_workflow(workflow_state, user=None):
    from .services import finish_workflow as publish_on_finish

    return publish_on_finish(workflow_state, user=user)
